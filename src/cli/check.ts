export async function run(_argv: string[]): Promise<number> {
  console.error("htm-workforce check: not implemented yet");
  return 2;
}
