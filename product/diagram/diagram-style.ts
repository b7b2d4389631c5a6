import { SubnetTier } from './workspace-architecture';

/** Size of the Marketplace listing image, in pixels. */
export const CANVAS = { width: 1100, height: 700 } as const;

/** Sizes of the diagram's parts, in pixels at scale 1. */
export const SIZES = {
  icon: 36,
  groupIcon: 24,
  title: 12,
  detail: 10.5,
  edgeLabel: 10,
  groupLabel: 12,
  componentPadding: 5,
  /** Titles wrap at this width, details at the wider one. */
  titleWidth: 84,
  detailWidth: 96,
  margin: 16,
  header: 34,
} as const;

/** Where the laid-out graph is drawn: below the title, above the legend line. */
export const DRAWING_AREA = {
  x: SIZES.margin,
  y: SIZES.header,
  width: CANVAS.width - 2 * SIZES.margin,
  height: CANVAS.height - SIZES.header - SIZES.margin - 18,
} as const;

/** Line heights, as multiples of the font size. */
export const TITLE_LEADING = 1.2;
export const DETAIL_LEADING = 1.25;

/** How a group box is drawn, after the AWS Architecture Icons guidelines for groups. */
export interface GroupStyle {
  /** Border colour. */
  readonly stroke: string;
  /** Background; 'none' for a transparent group. */
  readonly fill: string;
  readonly dashed: boolean;
  readonly labelColor: string;
  /** The group icon in the top-left corner (an `aws-icons` path). @default - no icon, label indented */
  readonly icon?: string;
}

/**
 * Subnet colours of the AWS Architecture Icons (the group icons of the `aws-icons` package carry the
 * same green and teal): public green, private teal with blue labels; database subnets are private ones.
 */
const SUBNET_STYLES: Record<SubnetTier, GroupStyle> = {
  public: { stroke: '#7AA116', fill: '#F2F6E8', dashed: false, labelColor: '#248814', icon: 'architecture-group/Publicsubnet' },
  private: { stroke: '#00A4A6', fill: '#E6F6F7', dashed: false, labelColor: '#147EBA', icon: 'architecture-group/Privatesubnet' },
  database: { stroke: '#00A4A6', fill: '#E6F6F7', dashed: false, labelColor: '#147EBA', icon: 'architecture-group/Privatesubnet' },
};

/** The kinds of group box, from the outside in. */
export type GroupKind = 'cloud' | 'region' | 'vpc' | 'zone' | 'services' | SubnetTier;

export const GROUP_STYLES: Record<GroupKind, GroupStyle> = {
  cloud: { stroke: '#232F3E', fill: 'none', dashed: false, labelColor: '#232F3E', icon: 'architecture-group/AWSCloudlogo' },
  region: { stroke: '#00A4A6', fill: 'none', dashed: true, labelColor: '#147EBA', icon: 'architecture-group/Region' },
  vpc: { stroke: '#8C4FFF', fill: 'none', dashed: false, labelColor: '#8C4FFF', icon: 'architecture-group/VirtualprivatecloudVPC' },
  zone: { stroke: '#147EBA', fill: 'none', dashed: true, labelColor: '#147EBA' },
  services: { stroke: '#7D8998', fill: 'none', dashed: true, labelColor: '#414D5C' },
  ...SUBNET_STYLES,
};

export const COLORS = {
  text: '#232F3E',
  detail: '#545B64',
  edge: '#545B64',
  optional: '#7D8998',
  background: '#FFFFFF',
} as const;
