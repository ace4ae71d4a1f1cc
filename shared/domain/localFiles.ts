/**
 * Files a system viewer would run rather than show: programs, scripts, installers, shortcuts and
 * web pages (a local page runs its scripts with access to the disk). An attachment of one of
 * these kinds is shown in its folder, never opened, whoever sent it. A name without an extension
 * counts as one: the system would guess from its bytes.
 */
const RUNS_CODE = new Set(
  [
    // Windows
    'exe', 'com', 'bat', 'cmd', 'msi', 'msp', 'mst', 'scr', 'pif', 'cpl', 'hta', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'ws', 'ps1', 'psm1', 'psd1', 'lnk', 'url', 'reg', 'inf', 'scf', 'application', 'appref-ms', 'gadget', 'msc', 'dll', 'sys', 'appx', 'msix', 'settingcontent-ms', 'library-ms', 'search-ms', 'chm',
    // macOS
    'app', 'command', 'tool', 'terminal', 'workflow', 'action', 'pkg', 'mpkg', 'scpt', 'scptd', 'applescript', 'webloc', 'inetloc', 'fileloc', 'osax', 'kext',
    // Linux and anywhere
    'sh', 'bash', 'zsh', 'csh', 'ksh', 'fish', 'run', 'bin', 'elf', 'appimage', 'desktop', 'deb', 'rpm', 'snap', 'flatpakref', 'jar', 'jnlp', 'js', 'mjs', 'cjs', 'py', 'pyw', 'pl', 'rb', 'php', 'lua', 'tcl',
    // Pages a browser would run from the disk
    'html', 'htm', 'xhtml', 'shtml', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'hta',
  ],
);

export function runsCode(filename: string): boolean {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0 || dot === filename.length - 1) return true;
  return RUNS_CODE.has(filename.slice(dot + 1).toLowerCase().trim());
}

/**
 * A file name safe to create on any of the three systems: no folders, no control or reserved
 * characters, no reserved Windows names, no trailing dots or spaces, at most 120 characters
 * (the extension kept).
 */
export function safeFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
  let name = raw.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)) name = `_${name}`;
  if (name === '') name = 'attachment';
  if (name.length > 120) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
    name = name.slice(0, 120 - ext.length) + ext;
  }
  return name;
}
