/**
 * electron-builder `afterPack` hook: flip Electron's fuses on the packaged executable (electron-builder
 * 25 has no `electronFuses` option). FUSES below is the whole policy: no running as plain Node, no
 * NODE_OPTIONS, no --inspect flags; the app loads only from app.asar, whose integrity is checked
 * against the hash electron-builder embeds (macOS Info.plist, Windows executable resource; Electron
 * has no such check on Linux yet); cookies are encrypted at rest; file:// gets no extra privileges
 * (the renderer is served from app://).
 * Requires the devDependency @electron/fuses (1.x); packaging fails without it, or when a fuse
 * named here is unknown to it, rather than shipping an unhardened binary.
 */
const path = require('node:path');

/** Every fuse this app sets, by its @electron/fuses `FuseV1Options` name. */
const FUSES = Object.freeze({
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  EnableCookieEncryption: true,
  GrantFileProtocolExtraPrivileges: false,
});

function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

/** The `flipFuses` configuration for FUSES, with the enum values of the given @electron/fuses. */
function fuseConfig(fuses, context) {
  const { FuseVersion, FuseV1Options } = fuses;
  // Arch 3 is arm64 in electron-builder's enum; flipping fuses invalidates the ad-hoc signature there.
  const isMacArm = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === 3;
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature: isMacArm };
  for (const [name, value] of Object.entries(FUSES)) {
    if (typeof FuseV1Options[name] !== 'number') throw new Error(`after-pack: @electron/fuses has no fuse named ${name}`);
    config[FuseV1Options[name]] = value;
  }
  return config;
}

async function afterPack(context) {
  let fuses;
  try {
    fuses = require('@electron/fuses');
  } catch {
    throw new Error('after-pack: @electron/fuses is not installed; add it as a devDependency to package the app.');
  }
  const target = executablePath(context);
  await fuses.flipFuses(target, fuseConfig(fuses, context));
  console.log(`  • flipped Electron fuses  file=${path.relative(process.cwd(), target)}`);
}

module.exports = afterPack;
module.exports.FUSES = FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.executablePath = executablePath;
