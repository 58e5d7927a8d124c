// The command-line tools the journeys check exports with, found as the export
// tests find them: in VPCPLAN_TOOLS_BIN when set, else in <repo>/.tools/venv/bin
// (both made by `cargo xtask setup`). A missing tool fails the test.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function toolPath(name: string): string {
  const bin = process.env.VPCPLAN_TOOLS_BIN || join(repoRoot, '.tools/venv/bin');
  const path = join(bin, name);
  if (!existsSync(path)) {
    throw new Error(`${name} not found at ${path}: run \`cargo xtask setup\` or set VPCPLAN_TOOLS_BIN`);
  }
  return path;
}

export interface LintFinding {
  Level: string;
  Rule: { Id: string };
  Message: string;
}

/** Everything cfn-lint reports for a template, checked against `region`'s schemas. */
export function cfnLint(template: string, region: string): LintFinding[] {
  const cfnLintPath = toolPath('cfn-lint');
  try {
    const output = execFileSync(cfnLintPath, [template, '--format', 'json', '--regions', region], {
      encoding: 'utf8',
    });
    return JSON.parse(output || '[]');
  } catch (error) {
    // cfn-lint exits non-zero when it finds something; its findings are on stdout.
    const failed = error as { stdout?: string; stderr?: string; status?: number };
    if (failed.stdout) return JSON.parse(failed.stdout);
    throw new Error(`cfn-lint failed (exit ${failed.status}): ${failed.stderr}`);
  }
}

export interface ZipEntry {
  name: string;
  mode: number;
  size: number;
}

/** The entries of a zip archive, as Python's zipfile reads them after checking every CRC. */
export function zipEntries(archive: string): ZipEntry[] {
  const script = [
    'import json, sys, zipfile',
    'with zipfile.ZipFile(sys.argv[1]) as z:',
    '    bad = z.testzip()',
    '    assert bad is None, bad',
    '    print(json.dumps([dict(name=i.filename, mode=i.external_attr >> 16, size=i.file_size) for i in z.infolist()]))',
  ].join('\n');
  return JSON.parse(execFileSync(toolPath('python'), ['-c', script, archive], { encoding: 'utf8' }));
}
