// The parts of the two-step verification page: the apps in use, adding one (name, then the QR
// code and key, then the first code) and the confirmation before removing one.
import { Link, useSearchParams } from '@remix-run/react';
import { CheckedForm, FormButton } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import type { FormFailure } from '../../utils/forms.ts';
import { EnrolSchema, RemoveSchema, VerifySchema } from './mfa.schema.ts';

interface ShownFactor {
  id: string;
  name: string;
  added: string;
}

export function FactorList({ factors }: { factors: ShownFactor[] }) {
  const [params] = useSearchParams();
  const removeLink = (id: string) => {
    const next = new URLSearchParams(params);
    next.delete('notice');
    next.set('remove', id);
    return `?${next}`;
  };
  return (
    <section className="section" aria-labelledby="mfa-apps">
      <h2 id="mfa-apps">Your authenticator apps</h2>
      {factors.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {factors.map((factor) => (
              <tr key={factor.id}>
                <th scope="row">{factor.name}</th>
                <td>{factor.added}</td>
                <td>
                  <Link to={removeLink(factor.id)} preventScrollReset aria-label={`Remove ${factor.name}`}>
                    Remove
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty-state">
          Two-step verification is off: no authenticator app yet. Add one below with any TOTP app (Google Authenticator,
          Microsoft Authenticator, 1Password, Bitwarden…).
        </p>
      )}
    </section>
  );
}

export function EnrolForm({ hasFactor, failure }: { hasFactor: boolean; failure?: FormFailure | undefined }) {
  return (
    <section className="section" aria-labelledby="mfa-add">
      <h2 id="mfa-add">{hasFactor ? 'Add another app' : 'Add an authenticator app'}</h2>
      <FormError message={failure?.formError} />
      <CheckedForm intent="enrol" schema={EnrolSchema} formKey="enrol" label="Add an authenticator app">
        {(errors) => (
          <>
            <TextField
              label="Name of the app or device"
              name="name"
              defaultValue={hasFactor ? '' : 'Authenticator app'}
              hint="Shown in this list, so you know which one to remove later."
              errors={errors?.fieldErrors.name}
            />
            <FormButton label="Show the QR code" />
          </>
        )}
      </CheckedForm>
    </section>
  );
}

/** The key in groups of four, as authenticator apps show and accept it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function ScanStep({
  enrolment,
  failure,
}: {
  enrolment: { factorId: string; qrCode: string; secret: string };
  failure?: FormFailure | undefined;
}) {
  return (
    <section className="section" aria-labelledby="mfa-scan">
      <h2 id="mfa-scan">Scan the code, then enter a code</h2>
      <div className="mfa-scan">
        <img src={enrolment.qrCode} alt="QR code to scan with your authenticator app" width={196} height={196} />
        <ol className="mfa-steps">
          <li>In your authenticator app, add an account and scan this QR code.</li>
          <li>
            Cannot scan? Type this key instead:{' '}
            <code id="mfa-secret" className="mfa-secret">
              {grouped(enrolment.secret)}
            </code>
          </li>
          <li>Enter the 6-digit code the app now shows for Roost.</li>
        </ol>
      </div>
      <FormError message={failure?.formError} />
      <CheckedForm
        intent="verify"
        schema={VerifySchema}
        formKey={enrolment.factorId}
        label="Turn on two-step verification"
      >
        {(errors) => (
          <>
            <input type="hidden" name="factorId" value={enrolment.factorId} />
            <TextField
              label="6-digit code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={9}
              errors={errors?.fieldErrors.code ?? errors?.fieldErrors.factorId}
            />
            <FormButton label="Verify and turn on" />
          </>
        )}
      </CheckedForm>
    </section>
  );
}

export function RemovePanel({ factor, failure }: { factor: ShownFactor; failure?: FormFailure | undefined }) {
  const [params] = useSearchParams();
  const back = new URLSearchParams(params);
  back.delete('remove');
  return (
    <section className="section mfa-remove" aria-labelledby="mfa-remove">
      <h2 id="mfa-remove">Remove {factor.name}?</h2>
      <p>
        Its codes stop working at once. If it is your only app, two-step verification turns off and changes that need it
        will ask you to add an app again.
      </p>
      <FormError message={failure?.formError} />
      <CheckedForm intent="remove" schema={RemoveSchema} formKey={factor.id} label={`Remove ${factor.name}`}>
        {() => (
          <>
            <input type="hidden" name="factorId" value={factor.id} />
            <div className="form-actions">
              <button type="submit" className="button button-danger">
                Remove {factor.name}
              </button>
              <Link to={`?${back}`} className="button" preventScrollReset>
                Cancel
              </Link>
            </div>
          </>
        )}
      </CheckedForm>
    </section>
  );
}
