export async function run(_argv: string[]): Promise<number> {
  console.error("htm-workforce ingest: not implemented yet");
  return 2;
}
