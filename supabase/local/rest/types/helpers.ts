// The helper types every `supabase gen types typescript` file ends with, the same for every
// database: `Tables<'bookings'>`, `TablesInsert<>`, `TablesUpdate<>`, `Enums<>` and
// `CompositeTypes<>`, each taking a name in the default schema, or `{ schema }` and a name.

interface Helper {
  name: string;
  /** The type parameters as the CLI names them (users see them in editor hints). */
  options: string;
  key: string;
  /** The sections of a schema the name is looked up in (Tables<> also accepts views). */
  sections: string[];
  /** The member picked from the entry (`Row`, `Insert`, `Update`), with its infer variable. */
  pick?: { member: string; infer: string };
}

const HELPERS: Helper[] = [
  {
    name: 'Tables',
    options: 'DefaultSchemaTableNameOrOptions',
    key: 'TableName',
    sections: ['Tables', 'Views'],
    pick: { member: 'Row', infer: 'R' },
  },
  {
    name: 'TablesInsert',
    options: 'DefaultSchemaTableNameOrOptions',
    key: 'TableName',
    sections: ['Tables'],
    pick: { member: 'Insert', infer: 'I' },
  },
  {
    name: 'TablesUpdate',
    options: 'DefaultSchemaTableNameOrOptions',
    key: 'TableName',
    sections: ['Tables'],
    pick: { member: 'Update', infer: 'U' },
  },
  { name: 'Enums', options: 'DefaultSchemaEnumNameOrOptions', key: 'EnumName', sections: ['Enums'] },
  {
    name: 'CompositeTypes',
    options: 'PublicCompositeTypeNameOrOptions',
    key: 'CompositeTypeName',
    sections: ['CompositeTypes'],
  },
];

/** `schema["A"]`, or `(schema["A"] & schema["B"])` for several sections. */
function sectionsOf(schema: string, sections: string[]): string {
  const parts = sections.map((section) => `${schema}["${section}"]`);
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' & ')})`;
}

function renderHelper({ name, options, key, sections, pick }: Helper): string {
  const named = sectionsOf(`DatabaseWithoutInternals[${options}["schema"]]`, sections);
  const byDefault = sectionsOf('DefaultSchema', sections);
  const member = (entry: string) =>
    pick ? `${entry} extends { ${pick.member}: infer ${pick.infer} } ? ${pick.infer} : never` : entry;
  const withSchema = `${options} extends { schema: keyof DatabaseWithoutInternals }`;
  return `export type ${name}<
  ${options} extends keyof ${byDefault} | { schema: keyof DatabaseWithoutInternals },
  ${key} extends ${withSchema} ? keyof ${named} : never = never,
> = ${withSchema}
  ? ${member(`${named}[${key}]`)}
  : ${options} extends keyof ${byDefault}
    ? ${member(`${byDefault}[${options}]`)}
    : never
`;
}

export function renderHelpers(defaultSchema: string): string {
  return [
    'type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">\n',
    `type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, ${JSON.stringify(defaultSchema)}>]\n`,
    ...HELPERS.map(renderHelper),
  ].join('\n');
}
