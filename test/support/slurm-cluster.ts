/**
 * A real single-node Slurm for the integration tests, from Debian's packages (munge, slurmctld,
 * slurmd, slurm-client): a munge key and a minimal slurm.conf for this machine written into a
 * temporary folder, munged, slurmctld and slurmd started as root on free ports, and waited for
 * until `sinfo` shows the node idle. Client commands reach it through SLURM_CONF (`env`).
 * Where it cannot start (not root, a package missing, a daemon that dies) startSlurm throws with
 * the reason and the end of the daemon's log.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SlurmCluster {
  /** The folder holding the configuration, state, spool and logs. */
  dir: string;
  conf: string;
  /** The environment for client commands (and the CLI): SLURM_CONF set, sbin on PATH. */
  env: NodeJS.ProcessEnv;
  /** Runs a client command (squeue, scancel, …) against this cluster. */
  run(command: string, args: string[]): { code: number; stdout: string; stderr: string };
  stop(): Promise<void>;
}

const PACKAGES = 'apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge';
const SEARCH_PATH = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

function which(program: string): string {
  for (const folder of [...(process.env['PATH'] ?? '').split(':'), ...SEARCH_PATH]) {
    if (!folder) continue;
    const path = join(folder, program);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // keep looking
    }
  }
  throw new Error(`Slurm cannot be started: ${program} is not installed (as root: ${PACKAGES})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

const tail = (path: string, lines = 15) => (existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').slice(-lines).join('\n') : '(no log)');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSlurm(options: { timeoutMs?: number } = {}): Promise<SlurmCluster> {
  if (process.getuid?.() !== 0) throw new Error('Slurm cannot be started: the test starts slurmctld and slurmd itself and must run as root');
  const bin = {
    munged: which('munged'), slurmctld: which('slurmctld'), slurmd: which('slurmd'),
    sinfo: which('sinfo'), sbatch: which('sbatch'), squeue: which('squeue'), scancel: which('scancel'),
  };
  const dir = mkdtempSync(join(tmpdir(), 'limitlab-slurm-'));
  chmodSync(dir, 0o755);
  for (const sub of ['munge', 'state', 'spool', 'log']) mkdirSync(join(dir, sub), { mode: sub === 'munge' ? 0o711 : 0o755 });
  const key = join(dir, 'munge', 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  const socket = join(dir, 'munge', 'munge.socket');
  const log = (name: string) => join(dir, 'log', name);
  const children: ChildProcess[] = [];
  const daemon = (file: string, args: string[], logName: string, env: NodeJS.ProcessEnv) => {
    const out = openSync(log(logName), 'a');
    const child = spawn(file, args, { stdio: ['ignore', out, out], env });
    children.push(child);
    return child;
  };

  const stop = async () => {
    const env = { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') };
    if (existsSync(join(dir, 'slurm.conf'))) spawnSync(bin.scancel, ['--user=root'], { env, timeout: 10_000 });
    for (const child of [...children].reverse()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const deadline = Date.now() + 5000;
    while (children.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) await sleep(100);
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    daemon(bin.munged, ['-F', '--force', `--socket=${socket}`, `--key-file=${key}`, `--log-file=${log('munged.log')}`,
      `--pid-file=${join(dir, 'munge', 'munged.pid')}`, `--seed-file=${join(dir, 'munge', 'munged.seed')}`], 'munged.out', process.env);
    const node = spawnSync(bin.slurmd, ['-C'], { encoding: 'utf8' });
    const nodeLine = node.stdout.split('\n').find((l) => l.startsWith('NodeName='));
    if (!nodeLine) throw new Error(`Slurm cannot be started: "slurmd -C" printed no node line (${node.stderr.trim() || node.stdout.trim()})`);
    const nodeName = /^NodeName=(\S+)/.exec(nodeLine)![1]!;
    const [ctldPort, dPort] = [await freePort(), await freePort()];
    const conf = join(dir, 'slurm.conf');
    writeFileSync(conf, [
      'ClusterName=limitlab-test',
      `SlurmctldHost=${nodeName}(127.0.0.1)`,
      'SlurmUser=root',
      'SlurmdUser=root',
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CredType=cred/munge',
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${log('slurmctld.log')}`,
      `SlurmdLogFile=${log('slurmd.log')}`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'SchedulerType=sched/builtin',
      'MpiDefault=none',
      'ReturnToService=2',
      'SwitchType=switch/none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/none',
      'KillWait=2',
      'MinJobAge=600',
      'InactiveLimit=0',
      `${nodeLine.trim()} NodeAddr=127.0.0.1 State=UNKNOWN`,
      'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
      '',
    ].join('\n'));
    const env = { ...process.env, SLURM_CONF: conf, PATH: [...new Set([...(process.env['PATH'] ?? '').split(':'), '/usr/sbin', '/usr/bin'])].join(':') };
    // munged must be up before the Slurm daemons authenticate.
    for (let i = 0; i < 50 && !existsSync(socket); i++) await sleep(100);
    if (!existsSync(socket)) throw new Error(`Slurm cannot be started: munged did not create its socket:\n${tail(log('munged.out'))}\n${tail(log('munged.log'))}`);
    daemon(bin.slurmctld, ['-D', '-i', '-f', conf], 'slurmctld.out', env);
    daemon(bin.slurmd, ['-D', '-f', conf], 'slurmd.out', env);
    const run = (command: string, args: string[]) => {
      const r = spawnSync(command, args, { encoding: 'utf8', env, timeout: 30_000 });
      return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
    };
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    let state = '';
    while (Date.now() < deadline) {
      const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
      if (dead) throw new Error(`Slurm cannot be started: ${dead.spawnfile} exited (${dead.exitCode ?? dead.signalCode}):\n${tail(log(`${dead.spawnfile.split('/').pop()}.out`))}`);
      state = run(bin.sinfo, ['--noheader', '--Node', '--format=%T']).stdout.trim();
      if (state === 'idle') return { dir, conf, env, run, stop };
      await sleep(250);
    }
    throw new Error(`Slurm cannot be started: the node is not idle after ${(options.timeoutMs ?? 60_000) / 1000} s (sinfo: ${state || 'no answer'}):\n${tail(log('slurmctld.log'))}\n${tail(log('slurmd.log'))}`);
  } catch (error) {
    await stop();
    throw error;
  }
}
