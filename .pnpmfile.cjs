// valibot (through @bull-board/api) declares typescript as an optional peer. pnpm resolves it from the workspace's dev
// dependencies, so `pnpm deploy --prod` shipped the compiler in the api image; nothing needs it at run time.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'valibot' && pkg.peerDependencies) {
        delete pkg.peerDependencies.typescript;
        if (pkg.peerDependenciesMeta) delete pkg.peerDependenciesMeta.typescript;
      }
      return pkg;
    },
  },
};
