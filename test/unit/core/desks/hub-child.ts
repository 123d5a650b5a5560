/**
 * The hub in a process of its own, for the crash test (hub-crash.test.ts):
 * opens the data folder's core and the door to the desks on loopback, and
 * says on stdout what it has applied, so the test knows what was
 * acknowledged before it kills this process with SIGKILL.
 *
 * argv: <data folder> <forum id> <port, 0 for any>
 * stdout: `ready <port>`, `code <pairing code>` (after `pair` on stdin),
 *         `applied <registration id>` once a person's ledger line is on disk,
 *         `closed` (after `close` on stdin: the door and the core closed cleanly).
 */
import { createInterface } from 'node:readline';
import { openCore } from '../../../../src/core/app-core';
import { DeskDoorService, desksDirOf } from '../../../../src/core/desks/desk-door';

const [dataDir = '', forumId = '', portArg = '0'] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

const core = await openCore({ dataDir, appVersion: 'test', holder: 'test' });
const door = await DeskDoorService.open({
  dir: desksDirOf(dataDir),
  registrations: core.registrations,
  log: (m) => process.stderr.write(`${m}\n`),
});
const opened = await door.openDoor(forumId, '127.0.0.1', Number(portArg));
const hub = door.checkInHub;
const book = await hub.book(forumId);

const told = new Set<string>();
// After each pass: the people whose ledger line is on disk now (the hub's acknowledgement).
const tell = async () => {
  await hub.settled(forumId);
  for (const id of (await hub.applied(forumId)).keys()) {
    if (told.has(id)) continue;
    told.add(id);
    say(`applied ${id}`);
  }
};
book.on('change', () => void tell());
await tell();
say(`ready ${opened.listening?.port ?? 0}`);

const commands = createInterface({ input: process.stdin });
commands.on('line', (command) => {
  if (command === 'pair') {
    door.pairing(forumId).then(
      (p) => say(`code ${p.code}`),
      (error: unknown) => say(`failed ${(error as Error).message}`),
    );
  } else if (command === 'close') {
    void (async () => {
      await tell();
      await door.close();
      await core.close();
      say('closed');
      process.exit(0);
    })();
  }
});
