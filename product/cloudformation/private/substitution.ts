/**
 * The text of an `Fn::Sub` with each `${Name}` replaced by what `valueOf` gives for the name, and each
 * `${!Name}` written as `${Name}`, the escape CloudFormation leaves for the text to keep.
 */
export function substitute(text: string, valueOf: (name: string) => string): string {
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_placeholder, escaped: string, name: string) => (escaped ? `\${${name}}` : valueOf(name)));
}
