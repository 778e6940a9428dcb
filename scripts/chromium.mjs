// How this repository starts Chromium: the end-to-end tests, the browser benchmarks and the
// build of the widget's first screen (first-screen.mjs). Debian's build, which scripts/install
// installs, headless, with nothing fetched in the background.

/** Options for playwright-core's chromium.launch(). */
export const LAUNCH_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
