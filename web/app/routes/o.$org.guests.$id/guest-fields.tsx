// A guest's contact fields, language and notes: the same on the new-guest and profile forms.
import { useId } from 'react';
import { SelectField, TextField } from '../../components/forms.tsx';
import type { FormFailure } from '../../utils/forms.ts';

interface Props {
  guest: {
    full_name: string;
    email: string | null;
    phone: string | null;
    language: string | null;
    notes: string | null;
  };
  languages: { value: string; label: string }[];
  errors: FormFailure | null | undefined;
}

export function GuestFields({ guest, languages, errors }: Props) {
  return (
    <>
      <TextField
        label="Full name"
        name="full_name"
        autoComplete="off"
        defaultValue={guest.full_name}
        errors={errors?.fieldErrors.full_name}
      />
      <div className="field-row field-row-2">
        <TextField
          label="Email (optional)"
          name="email"
          type="email"
          autoComplete="off"
          defaultValue={guest.email ?? ''}
          errors={errors?.fieldErrors.email}
        />
        <TextField
          label="Phone (optional)"
          name="phone"
          type="tel"
          autoComplete="off"
          defaultValue={guest.phone ?? ''}
          hint="With the country code, such as +351 912 345 678."
          errors={errors?.fieldErrors.phone}
        />
      </div>
      <SelectField
        label="Language"
        name="language"
        defaultValue={guest.language ?? ''}
        hint="The language to write to the guest in."
        errors={errors?.fieldErrors.language}
      >
        <option value="">Not known</option>
        {languages.map((language) => (
          <option key={language.value} value={language.value}>
            {language.label}
          </option>
        ))}
      </SelectField>
      <NotesField defaultValue={guest.notes ?? ''} errors={errors?.fieldErrors.notes} />
    </>
  );
}

function NotesField({ defaultValue, errors }: { defaultValue: string; errors: string[] | undefined }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorsId = `${id}-errors`;
  return (
    <div className="field">
      <label htmlFor={id}>Notes (optional)</label>
      <textarea
        id={id}
        name="notes"
        rows={4}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${hintId} ${errorsId}` : hintId}
      />
      <p className="field-hint" id={hintId}>
        Preferences and needs the team should know, such as allergies or a quiet room. Staff see these notes.
      </p>
      {errors?.length ? (
        <ul className="field-errors" id={errorsId}>
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
