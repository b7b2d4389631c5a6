import { buildWorkspaceApp } from '../synthesis/workspace-app';

// The CDK app of cdk.json: `npx cdk synth` writes the cloud assembly to cdk.out.
buildWorkspaceApp().app.synth();
