import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { Construct } from 'constructs';
import { EXPIRY_ATTRIBUTE, PARTITION_KEY, SORT_KEY } from '../../services/workspace-data/table-schema';


/** Props of {@link WorkspaceTable}. */
export interface WorkspaceTableProps {
  readonly key: kms.IKey;
}

/**
 * The workspace's one DynamoDB table (seed guide: workflow metadata, execution history, user
 * configuration): single-table design on `pk`/`sk` (see services/workspace-data), on-demand capacity, encrypted with the DynamoDB
 * key, point-in-time recovery, a TTL attribute, deletion protection, and retained with the stack.
 */
export class WorkspaceTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: WorkspaceTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      sortKey: { name: SORT_KEY, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: EXPIRY_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acceptNagFinding(this.table, 'HIPAA.Security-DynamoDBInBackupPlan',
      'Point-in-time recovery keeps 35 days of continuous backups, deletion protection is on, and the table is retained on delete and replacement; an AWS Backup plan would add cost and a second restore path.');
  }
}
