/** Where a component sits in the picture. */
export type Placement =
  | { readonly area: 'entry' | 'vpc' | 'regional' }
  /** In front of the entry component `guards`: every request passes it first. */
  | { readonly area: 'guard'; readonly guards: string }
  | { readonly area: 'subnets'; readonly subnetIds: readonly string[] };

/** One thing the diagram shows: a service (or a gateway), with its AWS icon. */
export interface Component {
  /** Unique within the architecture; also the base of its node IDs. */
  readonly key: string;
  /** Path of the icon inside the `aws-icons` package, without `.svg`. */
  readonly icon: string;
  readonly title: string;
  /** Smaller lines under the title: what this workspace uses it for. */
  readonly details: readonly string[];
  /** Whether every resource behind it carries a Condition, i.e. a launch parameter can leave it out. */
  readonly optional: boolean;
  readonly placement: Placement;
  /** The logical IDs of the resources a component of several (functions, services) stands for. @default - none listed */
  readonly members?: readonly string[];
}
