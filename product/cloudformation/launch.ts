/** What a stack is launched with: the values a template's intrinsic functions and conditions resolve against. */
export interface StackLaunch {
  /**
   * Parameter values by name, as CloudFormation receives them: strings, lists comma-separated.
   * @default - every parameter takes its Default
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /** The Region the stack is launched in (`AWS::Region`). @default - `Ref AWS::Region` is an error */
  readonly region?: string;
  /** The account the stack is launched in (`AWS::AccountId`). @default - `Ref AWS::AccountId` is an error */
  readonly accountId?: string;
  /** The partition (`AWS::Partition`). @default 'aws' */
  readonly partition?: string;
  /** The stack's name (`AWS::StackName`). @default - `Ref AWS::StackName` is an error */
  readonly stackName?: string;
  /** The stack's ID (`AWS::StackId`), an ARN. @default - `Ref AWS::StackId` is an error */
  readonly stackId?: string;
  /**
   * What the stack's resources resolve to, by logical ID: the key `Ref` holds what `Ref` returns, any
   * other key the attribute of that name (`{ Bucket: { Ref: 'my-bucket', Arn: 'arn:aws:s3:::my-bucket' } }`).
   * @default - a `Ref` or `Fn::GetAtt` of a resource is an error
   */
  readonly resources?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const PSEUDO_PARAMETERS: Record<string, (launch: StackLaunch) => string | undefined> = {
  'AWS::Region': (launch) => launch.region,
  'AWS::AccountId': (launch) => launch.accountId,
  'AWS::Partition': (launch) => launch.partition ?? 'aws',
  'AWS::StackName': (launch) => launch.stackName,
  'AWS::StackId': (launch) => launch.stackId,
  'AWS::URLSuffix': (launch) => (launch.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'),
};

/** The value of a pseudo parameter (`AWS::Region`, ...) in this launch; fails when the launch does not give it. */
export function pseudoParameterValue(name: string, launch: StackLaunch): string {
  if (!(name in PSEUDO_PARAMETERS)) throw new Error(`Ref ${name}: the template reader resolves only ${Object.keys(PSEUDO_PARAMETERS).join(', ')} and AWS::NoValue`);
  const value = PSEUDO_PARAMETERS[name](launch);
  if (value === undefined) throw new Error(`Ref ${name}: the launch gives no value for this pseudo parameter`);
  return value;
}
