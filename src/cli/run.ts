/** Runs the CLI with the given arguments and resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  if (argv.includes('--version')) {
    console.log('customer-analytics 0.1.0');
    return 0;
  }
  console.error('customer-analytics: commands arrive with the report issue');
  return 2;
}
