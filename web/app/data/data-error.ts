// A Data API error the screen did not expect: thrown to the route's error boundary as a 500,
// keeping PostgREST's code (decision 003) for the logs.
import type { PostgrestError } from '@supabase/supabase-js';

export class DataError extends Error {
  override name = 'DataError';
  readonly code: string;
  constructor(error: PostgrestError) {
    super(`${error.code}: ${error.message}`);
    this.code = error.code;
  }
}
