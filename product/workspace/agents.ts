/** One agent service of seed 002's agent layer, as the buyer switches it on. */
export interface WorkspaceAgent {
  /** Parameter and construct stem: `Enable<id>Agent`, `<id>AgentImage`, `<id>AgentCount`. */
  readonly id: string;
  /** Container and image name (`<name>-agent`), and the agent's `AGENT_NAME`. */
  readonly name: string;
  /** What the agent does, for the launch wizard. */
  readonly purpose: string;
}

/**
 * The supervisor and the specialists of seed 002 (ACSO) that act on what the workspace automates:
 * security and IT operations. The seed's financial intelligence agent is left out: cost analysis is
 * not an automation the workspace runs.
 */
export const WORKSPACE_AGENTS: readonly WorkspaceAgent[] = [
  { id: 'Supervisor', name: 'supervisor', purpose: 'plans each request and hands its tasks to the specialist agents through the task queue' },
  { id: 'ThreatHunter', name: 'threat-hunter', purpose: 'searches logs and findings for signs of attack' },
  { id: 'IncidentResponse', name: 'incident-response', purpose: 'contains and remediates confirmed incidents' },
  { id: 'ServiceOrchestration', name: 'service-orchestration', purpose: 'runs IT operations tasks such as patches, restarts and ticket updates' },
];

/** CPU units of one agent task (0.5 vCPU): agents mostly wait on queues and model calls. */
export const AGENT_TASK_CPU = 512;
/** Memory of one agent task in MiB, the metering sidecar's share included. */
export const AGENT_TASK_MEMORY_MIB = 1024;
