import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * Bundles one of the workspace's Node apps (TypeScript, run by tsx in development) into a single
 * ES module that plain `node` runs, for the production images: the app's own code and the
 * workspace libraries it imports go in; npm packages stay outside, installed in the image with
 * `npm ci --omit=dev`. Usage: `tsx tools/delivery/src/bundle-app.ts <entry.ts> <out.mjs>`.
 */
export async function bundleApp(entry: string, outfile: string): Promise<{ externalPackages: string[] }> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
    plugins: [npmPackagesStayExternal, keepFileUrls(dirname(resolve(outfile)))],
  });
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
  const packages = imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => packageName(i.path));
  return { externalPackages: [...new Set(packages)].sort() };
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Workspace packages (`@streamkit/*`) are TypeScript sources: they go in the bundle. */
const npmPackagesStayExternal: Plugin = {
  name: 'npm-packages-stay-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@streamkit/') || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * Code that finds files next to itself (`new URL('../migrations', import.meta.url)`) must keep
 * finding them from inside the bundle: each module's `import.meta.url` becomes the URL its source
 * file had, computed from the bundle's own location, so the image only needs the same layout.
 */
function keepFileUrls(outDir: string): Plugin {
  return {
    name: 'keep-file-urls',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const fromBundle = relative(outDir, args.path).split(sep).join('/');
        return {
          contents: source.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
          ),
          loader: 'ts',
        };
      });
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const [entry, outfile] = process.argv.slice(2);
  if (!entry || !outfile) {
    console.error('usage: tsx tools/delivery/src/bundle-app.ts <entry.ts> <out.mjs>');
    process.exit(2);
  }
  await bundleApp(entry, outfile);
}
