import * as CDX from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import { InstalledDebianPackage } from './debian-base';
import { PinnedNodeRuntime } from './node-runtime';

/** An npm package whose code is in the image (bundled or copied). */
export interface ShippedNpmPackage {
  readonly name: string;
  readonly version: string;
  /** The package.json `license` field, an SPDX expression as npm packages write it. */
  readonly license?: string;
  /** The lockfile's Subresource Integrity of the package's tarball. */
  readonly integrity?: string;
}

/** What one image's software bill of materials describes. */
export interface SbomSubject {
  /** `engine`. */
  readonly name: string;
  readonly description: string;
  /** The workspace version the image belongs to. */
  readonly version: string;
  readonly repository: string;
  readonly digest: string;
  /** SOURCE_DATE_EPOCH, the document's timestamp, so the document is reproducible too. */
  readonly created: number;
  readonly distribution: string;
  readonly debianPackages: InstalledDebianPackage[];
  readonly node: PinnedNodeRuntime & { readonly binarySha256: string };
  readonly npmPackages: ShippedNpmPackage[];
}

export const SBOM_SPEC = CDX.Spec.Spec1dot6;

/**
 * The image's SBOM as CycloneDX 1.6 JSON, written from what the build put in the image (not guessed by
 * scanning it): each Debian package with its package URL and the .deb's sha256, the Node.js runtime
 * with its CPE (how vulnerability databases name it) and the binary's sha256, and each npm package
 * bundled into the application with its licence and the lockfile's integrity hash. Lists are sorted.
 */
export function imageSbom(subject: SbomSubject): string {
  const bom = new CDX.Models.Bom();
  bom.metadata.timestamp = new Date(subject.created * 1000);
  bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Container, `automation-workspace/${subject.name}`, {
    bomRef: 'image', version: subject.version, description: subject.description,
    purl: new PackageURL('oci', undefined, subject.name, subject.digest, { repository_url: subject.repository, tag: subject.version }).toString(),
  });
  const [distro, release] = subject.distribution.split('-');
  bom.components.add(new CDX.Models.Component(CDX.Enums.ComponentType.OperatingSystem, distro, { bomRef: 'os', version: release }));
  for (const pkg of subject.debianPackages) bom.components.add(debianComponent(pkg, subject.distribution));
  bom.components.add(nodeComponent(subject.node));
  for (const pkg of subject.npmPackages) bom.components.add(npmComponent(pkg));
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(SBOM_SPEC));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}

/** Problems the CycloneDX JSON schema finds in an SBOM, or null when it is valid. */
export async function sbomProblems(sbom: string): Promise<unknown> {
  return new CDX.Validation.JsonStrictValidator(SBOM_SPEC.version).validate(sbom);
}

function debianComponent(pkg: InstalledDebianPackage, distribution: string): CDX.Models.Component {
  const component = new CDX.Models.Component(CDX.Enums.ComponentType.Library, pkg.name, {
    bomRef: `deb:${pkg.name}`, version: pkg.version, publisher: 'Debian',
    purl: new PackageURL('deb', 'debian', pkg.name, pkg.version, { arch: pkg.architecture, distro: distribution }).toString(),
  });
  component.hashes.set(CDX.Enums.HashAlgorithm['SHA-256'], pkg.sha256);
  component.properties.add(new CDX.Models.Property('debian:source', pkg.source));
  component.externalReferences.add(new CDX.Models.ExternalReference(pkg.url, CDX.Enums.ExternalReferenceType.Distribution));
  return component;
}

function nodeComponent(node: SbomSubject['node']): CDX.Models.Component {
  const component = new CDX.Models.Component(CDX.Enums.ComponentType.Platform, 'node', {
    bomRef: 'node', version: node.version, publisher: 'OpenJS Foundation',
    purl: new PackageURL('generic', 'nodejs', 'node', node.version, { arch: 'x64' }).toString(),
    cpe: `cpe:2.3:a:nodejs:node.js:${node.version}:*:*:*:*:*:*:*`,
  });
  component.hashes.set(CDX.Enums.HashAlgorithm['SHA-256'], node.binarySha256);
  component.licenses.add(new CDX.Models.SpdxLicense('MIT'));
  return component;
}

function npmComponent(pkg: ShippedNpmPackage): CDX.Models.Component {
  const [scope, name] = pkg.name.startsWith('@') ? pkg.name.split('/') : [undefined, pkg.name];
  const component = new CDX.Models.Component(CDX.Enums.ComponentType.Library, name, {
    bomRef: `npm:${pkg.name}@${pkg.version}`, group: scope, version: pkg.version,
    purl: new PackageURL('npm', scope, name, pkg.version, undefined).toString(),
  });
  if (pkg.license) {
    const spdx = CDX.SPDX.fixupSpdxId(pkg.license);
    component.licenses.add(spdx ? new CDX.Models.SpdxLicense(spdx) : new CDX.Models.LicenseExpression(pkg.license));
  }
  const integrity = pkg.integrity && /^sha512-(.+)$/.exec(pkg.integrity);
  if (integrity) component.hashes.set(CDX.Enums.HashAlgorithm['SHA-512'], Buffer.from(integrity[1], 'base64').toString('hex'));
  return component;
}
