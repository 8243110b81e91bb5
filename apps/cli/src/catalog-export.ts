import { exportCatalog } from '@ff/rules';

/** `npm run -s catalog:export [-- --version X]`: the catalog as JSON on stdout, nothing else. */
export function runCatalogExport(argv: string[]): void {
  const i = argv.indexOf('--version');
  const version = i >= 0 ? argv[i + 1] : undefined;
  process.stdout.write(`${JSON.stringify(exportCatalog(version), null, 2)}\n`);
}
