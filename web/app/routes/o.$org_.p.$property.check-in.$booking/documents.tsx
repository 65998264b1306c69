// The identity document on the check-in form (prefilled from the scan, for staff to correct) and
// the documents already on file for the guest. How much is asked and kept follows the
// property's id_document_retention; the database drops what the property does not keep.
import { SelectField, TextField } from '../../components/forms.tsx';
import type { DocumentRetention, IdentityDocument, ScanDocument } from '../../data/id-scan.server.ts';
import { formatDate } from '../../utils/calendar-dates.ts';
import type { FormFailure } from '../../utils/forms.ts';
import { DOCUMENT_TYPES, type DocumentType, documentTypeOf } from './check-in.schema.ts';

export function DocumentFields({
  scanned,
  retention,
  errors,
}: {
  scanned: ScanDocument | null;
  retention: DocumentRetention;
  errors: FormFailure | null | undefined;
}) {
  const fieldErrors = errors?.fieldErrors ?? {};
  const full = retention !== 'validity_only';
  return (
    <fieldset className="check-in-document-fields">
      <legend>Identity document</legend>
      <p className="muted check-in-note">
        {scanned
          ? 'Filled in from the scan: correct anything that differs from the document.'
          : 'Type the details from the document, or leave the kind empty to check in without recording one.'}{' '}
        {full
          ? 'Kept until 30 days after check-out.'
          : 'This property keeps only the kind of document and its expiry date, until 30 days after check-out.'}
      </p>
      <div className="field-row field-row-2">
        <SelectField
          label="Kind of document"
          name="document_type"
          defaultValue={documentTypeOf(scanned?.documentType ?? null)}
          errors={fieldErrors.document_type}
        >
          <option value="">None recorded</option>
          {(Object.entries(DOCUMENT_TYPES) as [DocumentType, string][]).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        {full ? (
          <TextField
            label="Document number"
            name="document_number"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue={scanned?.documentNumber ?? ''}
            errors={fieldErrors.document_number}
          />
        ) : null}
      </div>
      {full ? (
        <div className="field-row field-row-2">
          <TextField
            label="Nationality"
            name="nationality"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={3}
            defaultValue={scanned?.nationality ?? ''}
            hint="The code on the document, such as NLD (D for Germany)."
            errors={fieldErrors.nationality}
          />
          <TextField
            label="Issuing country (optional)"
            name="issuing_country"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={3}
            defaultValue=""
            hint="Where the document was issued, if not the nationality’s country."
            errors={fieldErrors.issuing_country}
          />
        </div>
      ) : null}
      <div className="field-row field-row-2">
        {full ? (
          <TextField
            label="Date of birth"
            name="birth_date"
            type="date"
            defaultValue={scanned?.birthDate ?? ''}
            errors={fieldErrors.birth_date}
          />
        ) : null}
        <TextField
          label="Expiry date"
          name="expiry_date"
          type="date"
          defaultValue={scanned?.expirationDate ?? ''}
          errors={fieldErrors.expiry_date}
        />
      </div>
    </fieldset>
  );
}

/** The guest's documents on file: what was confirmed at earlier (or this) check-ins, and until when it is kept. */
export function DocumentsOnFile({ documents, timeZone }: { documents: IdentityDocument[]; timeZone: string }) {
  return (
    <section className="section check-in-on-file" aria-labelledby="documents-on-file">
      <h2 id="documents-on-file">Identity documents on file</h2>
      {documents.length === 0 ? (
        <p className="empty-state">
          None yet. The document confirmed at check-in is kept here until 30 days after check-out.
        </p>
      ) : (
        <ul className="check-in-document-list">
          {documents.map((document) => (
            <li key={document.id}>
              <p className="check-in-document-title">
                {DOCUMENT_TYPES[document.document_type as DocumentType] ?? document.document_type}
                {document.document_number ? ` ${document.document_number}` : ''}
                {document.nationality ? ` · ${document.nationality}` : ''}
                {document.issuing_country && document.issuing_country !== document.nationality
                  ? ` · issued by ${document.issuing_country}`
                  : ''}
              </p>
              <p>
                {document.birth_date ? `Born ${formatDate(document.birth_date)} · ` : ''}
                {document.expiry_date ? `Expires ${formatDate(document.expiry_date)}` : 'No expiry date'}
              </p>
              <p className="muted">
                Recorded {formatInstant(document.created_at, timeZone, true)} · deleted after{' '}
                {formatInstant(document.delete_after, timeZone, false)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function formatInstant(at: string, timeZone: string, withTime: boolean): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone,
  }).format(new Date(at));
}
