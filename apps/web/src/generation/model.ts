import { api, ApiError } from '../api/client';
import { readSession } from '../session/storage';

export type JobStatus = 'queued' | 'processing' | 'completed' | 'failed';

export interface Job {
  id: string;
  status: JobStatus;
  progress: number;
  attempts: number;
  asset_type: string;
  template_id: string;
  pack_id: string | null;
  outputs: { asset_type: string; name: string; width: number; height: number }[];
  error: string | null;
  created_at: string;
}

export interface Asset {
  id: string;
  job_id: string | null;
  asset_type: string | null;
  width: number;
  height: number;
  size_bytes: number;
  is_public: boolean;
  created_at: string;
  public_url: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface TemplateField {
  name: string;
  label: string;
  kind: 'text' | 'select';
  required: boolean;
  max_length: number | null;
  options: string[] | null;
  placeholder: string | null;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  asset_types: { id: string; label: string; sizes: { name: string; width: number; height: number }[] }[];
  fields: TemplateField[];
}

export interface Usage {
  tier: string;
  used: number;
  limit: number;
  resets_at: string;
}

export const isFinished = (job: Job) => job.status === 'completed' || job.status === 'failed';

/** The page anyone can open for a shared asset (the web app's own route, signed out). */
export const shareLink = (asset: Pick<Asset, 'id'>) => `${window.location.origin}/asset/${asset.id}`;

/**
 * An asset's image as an object URL: `<img>` cannot send the bearer token the API wants for a
 * private asset, so the bytes are fetched and handed over as a blob.
 */
export async function assetObjectUrl(id: string): Promise<string> {
  const get = () =>
    fetch(`/api/v1/assets/${id}`, { headers: { authorization: `Bearer ${readSession()?.access_token ?? ''}` } });
  let response = await get();
  if (response.status === 401) {
    await api('/usage', { auth: true }); // refreshes the session when the access token expired
    response = await get();
  }
  if (!response.ok) throw new ApiError(response.status, 'image', `The image could not be loaded (${response.status}).`);
  return URL.createObjectURL(await response.blob());
}

export const formatDate = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
