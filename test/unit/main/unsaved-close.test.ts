import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

/** The real 'electron' never loads here: a fake dialog records the question and gives the answer. */
const fake = vi.hoisted(() => ({
  answer: 0,
  asked: [] as { buttons: string[]; message: string; detail: string }[],
}));
vi.mock('electron', () => ({
  dialog: {
    showMessageBoxSync: (_win: unknown, options: { buttons: string[]; message: string; detail: string }) => {
      fake.asked.push(options);
      return fake.answer;
    },
  },
}));

const { askBeforeDiscarding } = await import('../../../src/main/unsaved-close');

function fakeWindow() {
  const webContents = new EventEmitter();
  return { win: { webContents } as unknown as Parameters<typeof askBeforeDiscarding>[0], webContents };
}
const refusal = () => {
  const event = {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
  return event;
};

describe('closing the window while a form holds unsaved changes', () => {
  it('asks in the app language; discarding lets the window close', () => {
    const { win, webContents } = fakeWindow();
    let language: 'ar' | 'en' = 'ar';
    askBeforeDiscarding(win, () => language);
    fake.answer = 0;
    const first = refusal();
    webContents.emit('will-prevent-unload', first);
    expect(fake.asked.at(-1)).toMatchObject({ buttons: ['تجاهل التعديلات', 'متابعة التعديل'] });
    expect(first.prevented).toBe(true);

    language = 'en';
    fake.answer = 1;
    const second = refusal();
    webContents.emit('will-prevent-unload', second);
    expect(fake.asked.at(-1)).toMatchObject({
      buttons: ['Discard changes', 'Keep editing'],
      message: 'Discard your changes?',
    });
    // "Keep editing": the page's refusal stands, the window stays open with the form.
    expect(second.prevented).toBe(false);
  });
});
