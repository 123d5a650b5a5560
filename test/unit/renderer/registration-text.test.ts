import { describe, expect, it } from 'vitest';
import { inputOf, registrationIssues } from '../../../src/renderer/src/features/registrations/registration-text';
import {
  emptyRegistrationInput,
  type Registration,
  registrationSaveSchema,
} from '../../../src/shared/domain/registration';
import { registrantName } from '../../../src/shared/people/protocol-name';

const saved: Registration = {
  ...emptyRegistrationInput(),
  id: '00000000-0000-4000-8000-000000000001',
  code: '10001',
  honorific: 'saada',
  title: 'doctor',
  fullName: 'سالم بن سعيد الهنائي',
  fullNameEn: 'Salim Al-Hinai',
  checkedInAt: '2026-12-04T06:30:00.000Z',
  statusBeforeCheckIn: 'confirmed',
  status: 'attended',
  source: { file: 'registrants.xlsx', sheet: 'Sheet1', row: 4, importedAt: '2026-12-01T10:00:00.000Z' },
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-04T06:30:00.000Z',
};

describe('registrantName', () => {
  it('prints the protocol name, masculine when the gender is not known', () => {
    expect(registrantName(saved, 'ar')).toBe('سعادة الدكتور سالم بن سعيد الهنائي');
    expect(registrantName(saved, 'en')).toBe('H.E. Dr. Salim Al-Hinai');
    expect(registrantName({ ...saved, gender: 'female', fullName: 'هند الكندية' }, 'ar')).toBe(
      'سعادة الدكتورة هند الكندية',
    );
  });

  it('falls back to the other language’s name', () => {
    expect(registrantName({ ...saved, honorific: 'none', title: 'none', fullNameEn: '' }, 'en')).toBe(
      'سالم بن سعيد الهنائي',
    );
  });
});

describe('inputOf', () => {
  it('keeps only what the save channel accepts', () => {
    const input = inputOf(saved);
    expect(registrationSaveSchema.safeParse({ ...input, id: saved.id }).success).toBe(true);
    expect(input).not.toHaveProperty('code');
    expect(input).not.toHaveProperty('checkedInAt');
    expect(input.fullName).toBe(saved.fullName);
  });
});

describe('registrationIssues', () => {
  it('drops the "registration" prefix of a save request’s paths', () => {
    expect(
      registrationIssues([
        { path: ['registration', 'mobile'], message: 'errors.phoneInvalid' },
        { path: ['forumId'], message: 'x' },
      ]),
    ).toEqual([
      { path: ['mobile'], message: 'errors.phoneInvalid' },
      { path: ['forumId'], message: 'x' },
    ]);
  });
});
