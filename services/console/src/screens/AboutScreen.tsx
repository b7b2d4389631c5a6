import { Screen } from '../components/Screen';
import { useWorkspace } from '../workspace-context';

/** About: the version and Region this workspace runs, and its compliance report. */
export default function AboutScreen() {
  const { config, session } = useWorkspace();
  return (
    <Screen title="About">
      <dl className="about">
        <dt>Product</dt><dd>Automation Workspace</dd>
        <dt>Version</dt><dd>{config.version}</dd>
        <dt>Region</dt><dd>{config.region}</dd>
        <dt>API</dt><dd><code>{config.apiUrl}</code></dd>
        <dt>Signed in as</dt><dd>{session.user.email}</dd>
        <dt>Compliance report</dt>
        <dd>{config.complianceReportUrl ? <a href={config.complianceReportUrl}>HIPAA and GDPR controls of version {config.version}</a> : 'not published with this stack'}</dd>
      </dl>
    </Screen>
  );
}
