import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../../src/core/gate';
import { CHANNEL_NAMES, type ChannelName, type Handlers } from '../../../src/shared/contract';
import { emptyForumInput } from '../../../src/shared/domain/forum';
import { AppError, type Envelope } from '../../../src/shared/errors';

/**
 * The gate is the one door into core for both IPC and HTTP. Whatever arrives
 * (any channel name, any payload), the caller gets an Envelope back, and a
 * handler only ever runs on a known channel with a payload its schema accepts.
 */

/** One spy per channel, each answering `{ channel, request }` so a test can see what core was given. */
function spyHandlers() {
  const spies = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [name, vi.fn(async (request: unknown) => ({ channel: name, request }))]),
  ) as Record<ChannelName, ReturnType<typeof vi.fn>>;
  return { spies, handlers: spies as unknown as Handlers };
}

function setup() {
  const { spies, handlers } = spyHandlers();
  const log = vi.fn();
  const dispatch = createDispatch(handlers, log);
  const noHandlerRan = () => {
    for (const name of CHANNEL_NAMES) expect(spies[name], name).not.toHaveBeenCalled();
  };
  return { spies, log, dispatch, noHandlerRan };
}

function expectError(envelope: Envelope<unknown>, code: string) {
  expect(envelope.ok).toBe(false);
  if (envelope.ok) throw new Error('unreachable');
  expect(envelope.error.code).toBe(code);
  return envelope.error;
}

const validForum = () => ({ ...emptyForumInput('2025-03-10'), titleAr: 'ملتقى الرياض' });

describe('unknown channels', () => {
  // Names that are not in the contract table, including ones that exist on
  // every object's prototype: a lookup like `handlers[name]` would find them.
  it.each([
    'nope',
    '',
    'forums',
    'FORUMS.LIST',
    ' forums.list',
    'forums.list ',
    'multaqa:forums.list',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
    'isPrototypeOf',
  ])('refuses channel %j with unknown_channel', async (name) => {
    const { dispatch, noHandlerRan } = setup();
    expectError(await dispatch(name, undefined), 'unknown_channel');
    noHandlerRan();
  });

  // Only strings name channels: an array whose toString is 'forums.list' is not one.
  it.each([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', {}],
    ['an array that stringifies to a channel', ['forums.list']],
    ['a boxed string', Object('forums.list')],
    ['a symbol', Symbol('forums.list')],
  ])('refuses %s as a channel', async (_label, name) => {
    const { dispatch, noHandlerRan } = setup();
    expectError(await dispatch(name, undefined), 'unknown_channel');
    noHandlerRan();
  });

  /**
   * Dispatch takes `channel: unknown` and must always resolve to an Envelope.
   * String() throws on an object without a prototype, so today this rejects
   * instead (src/core/gate.ts, the `String(channel)` in the unknown_channel message).
   */
  it('refuses a null-prototype object as a channel with an envelope, not a rejection', async () => {
    const { dispatch, noHandlerRan } = setup();
    expectError(await dispatch(Object.create(null), undefined), 'unknown_channel');
    noHandlerRan();
  });

  // The refusal must not echo an attacker's megabyte back (or into logs).
  it('does not echo a huge channel name in full', async () => {
    const { dispatch } = setup();
    const error = expectError(await dispatch('x'.repeat(100_000), undefined), 'unknown_channel');
    expect(error.message.length).toBeLessThan(200);
  });
});

describe('payloads that fail the schema', () => {
  const id = randomUUID();
  it.each<[ChannelName, string, unknown]>([
    ['app.info', 'an object where none is expected', {}],
    ['app.info', 'null', null],
    ['app.info', 'a string', 'x'],
    ['forums.list', 'an object where none is expected', { all: true }],
    ['forums.get', 'no payload', undefined],
    ['forums.get', 'null', null],
    ['forums.get', 'a bare id string', id],
    ['forums.get', 'a numeric id', { id: 123 }],
    ['forums.get', 'an id that is not a uuid', { id: 'not-a-uuid' }],
    ['forums.get', 'a path as id', { id: '../../etc/passwd' }],
    ['forums.get', 'an array', [id]],
    ['forums.delete', 'a uuid with a path appended', { id: `${id}/../x` }],
    ['forums.create', 'an empty object', {}],
    ['forums.create', 'a numeric title', { ...validForum(), titleAr: 5 }],
    ['forums.create', 'an unknown kind', { ...validForum(), kind: 'party' }],
    ['forums.create', 'a date that does not exist', { ...validForum(), firstDay: '2025-02-30' }],
    ['forums.create', 'a negative attendance', { ...validForum(), expectedAttendance: -1 }],
    ['forums.create', 'a string where a list is expected', { ...validForum(), organisers: 'one' }],
    ['forums.create', 'no title in either language', { ...validForum(), titleAr: '', titleEn: '' }],
    ['forums.update', 'an empty input', { id, input: {} }],
    ['forums.update', 'a bad id', { id: 'x', input: validForum() }],
    ['settings.update', 'an unknown language', { language: 'fr' }],
    ['settings.update', 'a numeric digits setting', { digits: 1 }],
    ['settings.update', 'null', null],
    ['app.restoreLastGood', 'an empty problem id', { problemId: '' }],
    ['app.restoreLastGood', 'a 201-character problem id', { problemId: 'x'.repeat(201) }],
    ['app.dismissProblem', 'a numeric problem id', { problemId: 42 }],
  ])('%s refuses %s with invalid_request and issues', async (channel, _label, payload) => {
    const { dispatch, noHandlerRan } = setup();
    const error = expectError(await dispatch(channel, payload), 'invalid_request');
    expect(error.issues?.length).toBeGreaterThan(0);
    noHandlerRan();
  });

  // Issues carry the field path, so the form can show the message by the field.
  it('names the failing field in the issue path', async () => {
    const { dispatch } = setup();
    const error = expectError(await dispatch('forums.get', { id: 123 }), 'invalid_request');
    expect(error.issues?.map((i) => i.path)).toEqual([['id']]);
    const create = expectError(await dispatch('forums.create', { ...validForum(), titleAr: '' }), 'invalid_request');
    expect(create.issues).toContainEqual({ path: ['titleAr'], message: 'errors.titleRequired' });
  });
});

describe('extra keys', () => {
  const id = randomUUID();
  // Strict schemas refuse unknown keys outright.
  it.each<[ChannelName, unknown]>([
    ['forums.get', { id, extra: 1 }],
    ['forums.delete', { id, force: true }],
    ['forums.update', { id, input: validForum(), extra: 1 }],
    ['settings.update', { language: 'ar', admin: true }],
    ['app.dismissProblem', { problemId: 'p1', path: '/etc/passwd' }],
    ['app.restoreLastGood', { problemId: 'p1', file: '../x' }],
  ])('%s refuses %j', async (channel, payload) => {
    const { dispatch, noHandlerRan } = setup();
    const error = expectError(await dispatch(channel, payload), 'invalid_request');
    expect(error.issues?.length).toBeGreaterThan(0);
    noHandlerRan();
  });

  // Non-strict schemas strip them: core never sees a key the contract does
  // not name, and a JSON "__proto__" key cannot pollute what core receives.
  it('forums.create hands core only the fields the schema names', async () => {
    const { dispatch, spies } = setup();
    const payload = JSON.parse(
      JSON.stringify({ ...validForum(), id: 'chosen-by-caller', createdAt: 'x' }).replace(
        /^\{/,
        '{"__proto__":{"polluted":true},',
      ),
    );
    const reply = await dispatch('forums.create', payload);
    expect(reply.ok).toBe(true);
    const received = spies['forums.create'].mock.calls[0]?.[0] as Record<string, unknown>;
    expect(Object.keys(received).sort()).toEqual(Object.keys(validForum()).sort());
    expect(Object.getPrototypeOf(received)).toBe(Object.prototype);
    expect((received as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('handler errors', () => {
  const id = randomUUID();

  // Core's own refusals reach the UI with their code, so it can say the right thing.
  it('passes an AppError through with its code and message', async () => {
    const { dispatch, spies, log } = setup();
    spies['forums.get'].mockRejectedValueOnce(new AppError('not_found', 'No forum with that id'));
    expect(await dispatch('forums.get', { id })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No forum with that id' },
    });
    expect(log).not.toHaveBeenCalled();
  });

  it('passes an AppError with field issues through with the issues', async () => {
    const { dispatch, spies } = setup();
    const issues = [{ path: ['lastDay'], message: 'errors.lastBeforeFirst' }];
    spies['forums.update'].mockRejectedValueOnce(new AppError('conflict', 'Edited elsewhere', issues));
    expect(await dispatch('forums.update', { id, input: validForum() })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Edited elsewhere', issues },
    });
  });

  // A bug or an I/O error inside core must not leak paths, stack traces or
  // data to the page: the caller gets 'internal', the log gets the detail.
  it.each([
    ['an Error (rejected)', () => Promise.reject(new Error('EACCES: /home/huda/secret/forums/x.json'))],
    [
      'an Error (thrown synchronously)',
      () => {
        throw new TypeError('EACCES: /home/huda/secret/forums/x.json');
      },
    ],
    ['a string', () => Promise.reject('EACCES: /home/huda/secret/forums/x.json')],
  ])('hides %s as internal without its text', async (_label, impl) => {
    const { dispatch, spies, log } = setup();
    spies['forums.get'].mockImplementationOnce(impl);
    const reply = await dispatch('forums.get', { id });
    const error = expectError(reply, 'internal');
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    expect(JSON.stringify(reply)).not.toContain('/home/huda');
    expect(JSON.stringify(reply)).not.toContain('EACCES');
    expect(log).toHaveBeenCalledOnce();
    expect(String(log.mock.calls[0]?.[0])).toContain('EACCES');
  });

  /**
   * The same `String(...)` problem as for channels: a thrown value without a
   * prototype makes the logging line in the catch block throw, so dispatch
   * rejects instead of answering 'internal' (src/core/gate.ts, catch block).
   */
  it('hides a thrown null-prototype object as internal', async () => {
    const { dispatch, spies } = setup();
    spies['forums.get'].mockImplementationOnce(() => Promise.reject(Object.create(null)));
    expectError(await dispatch('forums.get', { id }), 'internal');
  });
});

describe('valid calls', () => {
  it('returns {ok:true, data} with the handler result', async () => {
    const { dispatch } = setup();
    expect(await dispatch('app.info', undefined)).toEqual({
      ok: true,
      data: { channel: 'app.info', request: undefined },
    });
  });

  // Core receives the parsed request (strings trimmed by the schema), not the raw payload.
  it('hands the handler the parsed request', async () => {
    const { dispatch, spies } = setup();
    const reply = await dispatch('forums.create', { ...validForum(), titleAr: '  ملتقى الرياض  ' });
    expect(reply.ok).toBe(true);
    expect(spies['forums.create']).toHaveBeenCalledExactlyOnceWith(validForum());
  });

  it('routes each channel to its own handler only', async () => {
    const { dispatch, spies } = setup();
    const id = randomUUID();
    await dispatch('forums.delete', { id });
    expect(spies['forums.delete']).toHaveBeenCalledExactlyOnceWith({ id });
    for (const name of CHANNEL_NAMES) if (name !== 'forums.delete') expect(spies[name]).not.toHaveBeenCalled();
  });
});
