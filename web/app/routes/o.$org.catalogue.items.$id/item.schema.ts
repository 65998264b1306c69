// The item page's own forms: the photo (type and size checked in the browser before the upload
// and again in the action; the bucket repeats both), and the modifier groups it offers.
import { z } from 'zod';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** The org-assets bucket's file_size_limit. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export const PhotoSchema = z.object({
  photo: z
    .instanceof(File, { message: 'Choose a photo.' })
    .refine((file) => file.size > 0, 'Choose a photo.')
    .refine((file) => (PHOTO_TYPES as readonly string[]).includes(file.type), 'Use a JPEG, PNG or WebP image.')
    .refine((file) => file.size <= PHOTO_MAX_BYTES, 'Use a photo of at most 5 MB.'),
});

export const AttachGroupSchema = z.object({ group_id: z.uuid('Choose a modifier group.') });
export const DetachGroupSchema = z.object({ link_id: z.uuid('Choose a modifier group.') });
