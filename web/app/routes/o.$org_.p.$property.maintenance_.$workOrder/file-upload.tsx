// A photo or a document chosen on the phone or tablet (the camera, or a file), shown as a preview,
// then uploaded straight from the browser into the documents bucket (the bucket's policies check
// the uploader works at the property) and recorded by the page's action (`intent` with the
// object's name), which links it to the work order.
import { useFetcher } from '@remix-run/react';
import { useEffect, useId, useState } from 'react';
import { browserSupabase } from '../../utils/supabase.client.ts';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

export function FileUpload({
  folder,
  intent,
  accept,
  label,
  buttonLabel,
  capture,
  hint,
}: {
  /** Object folder in the documents bucket, without a trailing slash. */
  folder: string;
  intent: string;
  accept: string[];
  label: string;
  buttonLabel: string;
  capture?: boolean;
  hint: string;
}) {
  const inputId = useId();
  const fetcher = useFetcher<{ formError?: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'uploading' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });

  useEffect(() => {
    if (!file?.type.startsWith('image/')) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data && !fetcher.data.formError) setFile(null);
  }, [fetcher.state, fetcher.data]);

  async function upload() {
    if (!file) return;
    if (!accept.includes(file.type)) {
      setState({ kind: 'error', message: `Choose a ${accept.map((t) => EXTENSIONS[t] ?? t).join(', ')} file.` });
      return;
    }
    if (file.size > 20 * 1024 * 1024) {
      setState({ kind: 'error', message: 'The file is larger than 20 MB.' });
      return;
    }
    setState({ kind: 'uploading' });
    const name = `${folder}/${crypto.randomUUID()}.${EXTENSIONS[file.type] ?? 'bin'}`;
    const { error } = await browserSupabase()
      .storage.from('documents')
      .upload(name, file, { contentType: file.type, upsert: false });
    if (error) {
      setState({ kind: 'error', message: 'The file could not be uploaded. Check the connection and try again.' });
      return;
    }
    setState({ kind: 'idle' });
    fetcher.submit({ intent, object_name: name }, { method: 'post' });
  }

  const busy = state.kind === 'uploading' || fetcher.state !== 'idle';
  return (
    <div className="file-upload">
      <div className="file-upload-pick">
        {/* The input before its label: the label (drawn as a button) shows the input's focus. */}
        <input
          id={inputId}
          className="file-upload-input"
          type="file"
          accept={accept.join(',')}
          {...(capture ? { capture: 'environment' as const } : {})}
          disabled={busy}
          onChange={(event) => {
            setState({ kind: 'idle' });
            setFile(event.currentTarget.files?.[0] ?? null);
          }}
        />
        <label htmlFor={inputId} className="button">
          {label}
        </label>
        <span className="muted">{file ? file.name : hint}</span>
      </div>
      {preview ? <img className="file-upload-preview" src={preview} alt="Preview of the chosen file" /> : null}
      {file ? (
        <button type="button" className="button button-primary" onClick={() => void upload()} disabled={busy}>
          {busy ? 'Uploading…' : buttonLabel}
        </button>
      ) : null}
      {state.kind === 'error' ? (
        <div className="alert alert-error" role="alert">
          {state.message}
        </div>
      ) : null}
      {fetcher.data?.formError ? (
        <div className="alert alert-error" role="alert">
          {fetcher.data.formError}
        </div>
      ) : null}
    </div>
  );
}
