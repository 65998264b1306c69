// How a modifier group's rule reads (modifier_groups: required, min_choices, max_choices).
interface Choices {
  required: boolean;
  min_choices: number;
  max_choices: number;
}

const options = (n: number) => (n === 1 ? '1 option' : `${n} options`);

export function describeChoices({ required, min_choices: min, max_choices: max }: Choices): string {
  const range = min === max ? options(max) : `${min} to ${options(max)}`;
  if (required) return `Required: pick ${range}`;
  if (min === 0) return `Optional: up to ${options(max)}`;
  return `Optional: none, or ${range}`;
}
