import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../shared/launch-wizard';
import { PERMISSIONS_BOUNDARY_CONSTRAINT, PERMISSIONS_BOUNDARY_PARAMETER, PERMISSIONS_BOUNDARY_PATTERN } from '../shared/permissions-boundary';
import { RELEASE_BUCKET_NAME, RELEASE_BUCKET_REGION } from '../shared/release-location';

/** How many accounts the portfolio can be shared with by parameter. */
export const MAX_SHARED_ACCOUNTS = 5;

/**
 * The portfolio template's parameters, grouped and labelled for the launch wizard: where the released
 * workspace templates are (the Marketplace `MPS3*` convention), the launch role's name, where stack
 * events are announced, and the accounts the portfolio is shared with.
 */
export class CatalogParameters extends Construct {
  readonly releaseBucketName: CfnParameter;
  readonly releaseBucketRegion: CfnParameter;
  readonly releaseKeyPrefix: CfnParameter;
  readonly launchRoleName: CfnParameter;
  readonly notificationEmail: CfnParameter;
  readonly shareWithAccountIds: CfnParameter;
  readonly shareWithOrganizationNodes: CfnParameter;
  /** Holds when ShareWithOrganizationNodes names at least one node. */
  readonly organizationSharesGiven: CfnCondition;
  /** `PermissionsBoundaryArn`: the boundary the launch role requires on every role it creates; empty: none. */
  readonly permissionsBoundaryArn: CfnParameter;
  /** Holds when PermissionsBoundaryArn is given. */
  readonly permissionsBoundaryGiven: CfnCondition;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const wizard = new LaunchWizard(Stack.of(this));
    const release = 'Workspace releases';
    this.releaseBucketName = wizard.parameter(this, 'MPS3BucketName', release, {
      ...RELEASE_BUCKET_NAME,
      description: 'S3 bucket holding the published workspace releases (npm run publish), under <prefix>workspace/<version>/.',
    });
    this.releaseBucketRegion = wizard.parameter(this, 'MPS3BucketRegion', release, {
      ...RELEASE_BUCKET_REGION,
      description: 'Region of the release bucket.',
    });
    this.releaseKeyPrefix = wizard.parameter(this, 'MPS3KeyPrefix', release, {
      label: 'Release key prefix', type: 'String', default: '', allowedPattern: '^([0-9a-zA-Z-_.()/]*/)?$',
      constraintDescription: 'must be empty or end with /, and contain only letters, digits, - _ . ( ) and /',
      description: 'Key prefix above workspace/<version>/ in the release bucket; empty when the releases are at the top.',
    });
    const access = 'Launch and sharing';
    this.launchRoleName = wizard.parameter(this, 'LaunchRoleName', access, {
      label: 'Launch role name', type: 'String', default: 'AutomationWorkspaceLaunchRole', allowedPattern: '^[\\w+=,.@-]{1,64}$',
      constraintDescription: 'must be an IAM role name: up to 64 letters, digits and + = , . @ _ -',
      description: 'Name of the role Service Catalog launches the workspace with. This stack creates it here; every account the portfolio is shared with needs a role of the same name.',
    });
    this.notificationEmail = wizard.parameter(this, 'NotificationEmail', access, {
      label: 'Email for stack events', type: 'String', allowedPattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
      constraintDescription: 'must be an email address',
      description: 'Receives the CloudFormation events of every workspace launched from the portfolio (launch, update, termination).',
    });
    this.shareWithAccountIds = wizard.parameter(this, 'ShareWithAccountIds', access, {
      label: 'Share with accounts', type: 'String', default: '', allowedPattern: `^(\\d{12}(,\\d{12}){0,${MAX_SHARED_ACCOUNTS - 1}})?$`,
      constraintDescription: `must be empty or up to ${MAX_SHARED_ACCOUNTS} comma-separated 12-digit AWS account IDs, without spaces`,
      description: `AWS accounts (up to ${MAX_SHARED_ACCOUNTS}, comma-separated) to share the portfolio with; each accepts the share and creates the launch role. Empty shares with none.`,
    });
    const node = '(o-[a-z0-9]{10,32}|ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})';
    this.shareWithOrganizationNodes = wizard.parameter(this, 'ShareWithOrganizationNodes', access, {
      label: 'Share with organization units', type: 'String', default: '', allowedPattern: `^(${node}(,${node}){0,9})?$`,
      constraintDescription: 'must be empty or up to 10 comma-separated organization (o-...) or organizational unit (ou-...) IDs, without spaces',
      description: 'AWS Organizations organization or organizational unit IDs to share the portfolio with (from the management or delegated administrator account). Empty shares with none.',
    });
    this.organizationSharesGiven = new CfnCondition(this, 'ShareWithOrganization', {
      expression: Fn.conditionNot(Fn.conditionEquals(this.shareWithOrganizationNodes.valueAsString, '')),
    });
    this.organizationSharesGiven.overrideLogicalId('ShareWithOrganization');
    this.permissionsBoundaryArn = wizard.parameter(this, PERMISSIONS_BOUNDARY_PARAMETER, access, {
      label: 'Permissions boundary for workspace roles (optional)', type: 'String', default: '',
      allowedPattern: PERMISSIONS_BOUNDARY_PATTERN, constraintDescription: PERMISSIONS_BOUNDARY_CONSTRAINT,
      description: 'An IAM managed policy the launch role requires as the permissions boundary of every role a workspace creates; buyers then give the same ARN as the workspace\'s PermissionsBoundaryArn (version 1.3.0 or later). Empty: roles are created without one.',
    });
    this.permissionsBoundaryGiven = new CfnCondition(this, 'PermissionsBoundaryGiven', {
      expression: Fn.conditionNot(Fn.conditionEquals(this.permissionsBoundaryArn.valueAsString, '')),
    });
    this.permissionsBoundaryGiven.overrideLogicalId('PermissionsBoundaryGiven');
  }

  /** The `index`-th account ID of ShareWithAccountIds, or '' when fewer are given. */
  sharedAccountId(index: number): string {
    const padded = Fn.join('', [this.shareWithAccountIds.valueAsString, ','.repeat(MAX_SHARED_ACCOUNTS)]);
    return Fn.select(index, Fn.split(',', padded));
  }

  /** Holds when ShareWithAccountIds has an `index`-th account ID. */
  sharedAccountGiven(index: number): CfnCondition {
    const condition = new CfnCondition(this, `ShareWithAccount${index + 1}`, {
      expression: Fn.conditionNot(Fn.conditionEquals(this.sharedAccountId(index), '')),
    });
    condition.overrideLogicalId(`ShareWithAccount${index + 1}`);
    return condition;
  }
}
