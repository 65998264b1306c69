import { Form } from '@remix-run/react';

/** Sign out here, or everywhere (every session of the account). */
export function SignOutForm() {
  return (
    <Form method="post" action="/sign-out" className="sign-out">
      <button type="submit" name="scope" value="local" className="button">
        Sign out
      </button>
      <button type="submit" name="scope" value="global" className="button button-quiet">
        Sign out on all devices
      </button>
    </Form>
  );
}
