/** A variable the workspace template sets on the function; its absence is a deployment error, said plainly. */
export function requiredEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set; the workspace template sets it on this function`);
  return value;
}
