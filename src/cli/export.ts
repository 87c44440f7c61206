export async function run(_argv: string[]): Promise<number> {
  console.error("htm-workforce export: not implemented yet");
  return 2;
}
