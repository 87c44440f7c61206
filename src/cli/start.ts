export async function run(_argv: string[]): Promise<number> {
  console.error("htm-workforce start: not implemented yet");
  return 2;
}
