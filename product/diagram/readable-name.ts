/** "ApiHandlerFunction73BB96D1" -> "API handler": the construct's name without CDK's hash and suffix. */
export function readableName(logicalId: string, suffix: string): string {
  const words = logicalId.replace(/[0-9A-F]{8}$/, '').replace(new RegExp(`${suffix}$`), '').split(/(?<=[a-z])(?=[A-Z])/);
  return words.map((word, index) => (word === 'Api' ? 'API' : index === 0 ? word : word.toLowerCase())).join(' ');
}
