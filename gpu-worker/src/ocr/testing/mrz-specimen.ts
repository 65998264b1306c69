// An ICAO 9303 TD3 (passport) machine-readable zone with correct check digits, after the specimen of Doc 9303
// (Anna Maria Eriksson), with a real issuing state so the `mrz` package accepts it.

const weights = [7, 3, 1];
const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);

export function checkDigit(field: string): string {
  let sum = 0;
  [...field].forEach((c, i) => {
    sum += value(c) * (weights[i % 3] as number);
  });
  return String(sum % 10);
}

export interface Td3Input {
  state: string;
  lastName: string;
  firstNames: string[];
  documentNumber: string;
  nationality: string;
  birthDate: string;
  sex: 'M' | 'F' | '<';
  expirationDate: string;
  personalNumber: string;
}

export function td3(input: Td3Input): [string, string] {
  const name = `${input.lastName}<<${input.firstNames.join('<')}`;
  const line1 = `P<${input.state}${name}`.padEnd(44, '<').slice(0, 44);
  const doc = input.documentNumber.padEnd(9, '<');
  const personal = input.personalNumber.padEnd(14, '<');
  const docPart = doc + checkDigit(doc);
  const birthPart = input.birthDate + checkDigit(input.birthDate);
  const expiryPart = input.expirationDate + checkDigit(input.expirationDate);
  const personalPart = personal + checkDigit(personal);
  const composite = checkDigit(docPart + birthPart + expiryPart + personalPart);
  const line2 = `${docPart}${input.nationality}${birthPart}${input.sex}${expiryPart}${personalPart}${composite}`;
  return [line1, line2];
}

/** ICAO 9303 TD1 (ID card): three lines of 30. */
export function td1(input: Td3Input): [string, string, string] {
  const doc = input.documentNumber.padEnd(9, '<');
  const line1 = `I<${input.state}${doc}${checkDigit(doc)}`.padEnd(30, '<');
  const birthPart = input.birthDate + checkDigit(input.birthDate);
  const expiryPart = input.expirationDate + checkDigit(input.expirationDate);
  const upper = `${birthPart}${input.sex}${expiryPart}${input.nationality}`.padEnd(29, '<');
  const composite = checkDigit(line1.slice(5, 30) + upper.slice(0, 7) + upper.slice(8, 15) + upper.slice(18, 29));
  const line3 = `${input.lastName}<<${input.firstNames.join('<')}`.padEnd(30, '<').slice(0, 30);
  return [line1, upper + composite, line3];
}

export const specimen: Td3Input = {
  state: 'NLD',
  lastName: 'ERIKSSON',
  firstNames: ['ANNA', 'MARIA'],
  documentNumber: 'L898902C3',
  nationality: 'NLD',
  birthDate: '740812',
  sex: 'F',
  expirationDate: '320415',
  personalNumber: 'ZE184226B',
};
