/**
 * electron-builder `afterPack` hook: flip Electron's fuses on the packaged executable (electron-builder
 * 25 has no `electronFuses` option). Turns off running as plain Node, NODE_OPTIONS and the
 * --inspect flags, and makes Electron load the app only from app.asar.
 * Requires the devDependency @electron/fuses (1.x); packaging fails without it rather than
 * shipping an unhardened binary.
 */
const path = require('node:path');

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

module.exports = async function afterPack(context) {
  let fuses;
  try {
    fuses = require('@electron/fuses');
  } catch {
    throw new Error('after-pack: @electron/fuses is not installed; add it as a devDependency to package the app.');
  }
  const { flipFuses, FuseVersion, FuseV1Options } = fuses;
  const target = executablePath(context);
  // Arch 3 is arm64 in electron-builder's enum; flipping fuses invalidates the ad-hoc signature there.
  const isMacArm = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === 3;
  await flipFuses(target, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: isMacArm,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  });
  console.log(`  • flipped Electron fuses  file=${path.relative(process.cwd(), target)}`);
};
