/**
 * The dependency rule of ARCHITECTURE.md as checks: arrows only point down the picture, no cycles, and only
 * store/<backend>/ imports a database driver. `npm run lint` runs it on src/.
 */
const layer = (name, mayImport) => ({
  name: `${name}-imports-only-${mayImport.join('-') || 'nothing'}`,
  severity: 'error',
  comment: `src/${name} may import only: ${mayImport.join(', ') || 'nothing of ours'} (ARCHITECTURE.md)`,
  from: { path: `^src/${name}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${name}/`, ...mayImport.map((m) => (m.endsWith('.ts') ? `^src/${m}$` : `^src/${m}/`))],
  },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    layer('common', []),
    layer('nn', ['common']),
    layer('ml', ['nn', 'common']),
    layer('store', ['common']),
    layer('privacy', ['common']),
    layer('core', ['ml', 'store', 'privacy', 'nn', 'common']),
    layer('api', ['core', 'common', 'config.ts']),
    layer('cli', ['core', 'common', 'config.ts', 'api']),
    {
      name: 'config-imports-only-common',
      severity: 'error',
      from: { path: '^src/config\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/common/', '^src/config\\.ts$'] },
    },
    {
      name: 'only-store-backends-import-drivers',
      severity: 'error',
      comment: 'Database drivers are imported only under src/store/<backend>/',
      from: { path: '^src/', pathNot: ['^src/store/duckdb/', '^src/store/clickhouse/'] },
      to: { path: 'node_modules/(@duckdb|@clickhouse|better-sqlite3)' },
    },
    {
      name: 'only-api-cli-import-config',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/api/', '^src/cli/', '^src/config\\.ts$', '^src/index\\.ts$'] },
      to: { path: '^src/config\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts$|\\.test-d\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
