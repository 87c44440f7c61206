export async function run(_argv: string[]): Promise<number> {
  console.error("htm-workforce screenshots: not implemented yet");
  return 2;
}
