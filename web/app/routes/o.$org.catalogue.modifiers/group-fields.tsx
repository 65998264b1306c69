// A modifier group's fields, the same on the add and change forms.
import { TextField } from '../../components/forms.tsx';
import type { FormFailure } from '../../utils/forms.ts';

interface Props {
  group: { name: string; required: boolean; min_choices: number; max_choices: number };
  errors: FormFailure | null | undefined;
}

export function GroupFields({ group, errors }: Props) {
  return (
    <div className="choices-row">
      <TextField
        label="Group name"
        name="name"
        defaultValue={group.name}
        hint="Such as Cooking or Sides."
        errors={errors?.fieldErrors.name}
      />
      <TextField
        label="Fewest to pick"
        name="min_choices"
        inputMode="numeric"
        defaultValue={String(group.min_choices)}
        errors={errors?.fieldErrors.min_choices}
      />
      <TextField
        label="Most to pick"
        name="max_choices"
        inputMode="numeric"
        defaultValue={String(group.max_choices)}
        errors={errors?.fieldErrors.max_choices}
      />
      <label className="check">
        <input type="checkbox" name="required" defaultChecked={group.required} />
        Required
      </label>
    </div>
  );
}
