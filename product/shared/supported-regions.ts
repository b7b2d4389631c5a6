/**
 * The Regions the workspace is offered in (the seed guide's list); the Rules of the workspace and the
 * portfolio templates reject others.
 */
export const SUPPORTED_REGIONS = ['us-east-1', 'ap-south-1'];
