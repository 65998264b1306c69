// The no-show model: logistic regression on booking features (features.ts), trained on the earlier 70 % of
// past bookings (by arrival date), judged by AUC on the later 30 % against the base-rate baseline (a constant
// score: AUC 0.5), then refitted on all of them and exported to ONNX (MatMul + Add + Sigmoid).
import { createHash } from 'node:crypto';
import { PredictionError } from '../forecast/errors.ts';
import { type LinearModel, linearModelToOnnx } from '../onnx/linear.ts';
import { openTrainedModel, runRows, type SessionOrBytes } from '../onnx/session.ts';
import {
  type BookingRow,
  bookingFeatures,
  bookingRowSchema,
  labelOf,
  NOSHOW_FEATURE_COUNT,
  NOSHOW_FEATURE_NAMES,
} from './features.ts';
import { auc, fitLogistic } from './logistic.ts';

export const NOSHOW_MODEL_FAMILY = 'noshow-logistic-2'; // 2: deposit_paid added (19 features)
const TRAIN_SHARE = 0.7;
const MIN_LABELLED = 100;
const MIN_PER_CLASS = 5;

export interface TrainedNoShow {
  onnx: Uint8Array;
  modelVersion: string;
  heldOut: { auc: number; baseRateAuc: number; bookings: number; noShows: number; from: string };
  trainedOn: { bookings: number; noShows: number; baseRate: number };
  model: LinearModel;
  /** Each feature's mean over the bookings the model was fitted on: the "usual booking" reasons compare with. */
  featureMeans: number[];
}

/** Why a booking's risk is above the usual: a feature, how far it pushed the logit up, and which way it differs. */
export interface RiskReason {
  feature: (typeof NOSHOW_FEATURE_NAMES)[number];
  /** weight × (value − mean): the booking's logit above the usual booking's, from this feature alone. */
  contribution: number;
  /** Whether the booking's value is above or below the usual booking's. */
  direction: 'higher' | 'lower';
}

export const MAX_REASONS = 3;

function parseRows(rows: unknown): BookingRow[] {
  const parsed = bookingRowSchema.array().safeParse(rows);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PredictionError('invalid_history', `booking history ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

function countClasses(labels: number[]): { positives: number; negatives: number } {
  const positives = labels.filter((label) => label === 1).length;
  return { positives, negatives: labels.length - positives };
}

function requireBothClasses(labels: number[], what: string): void {
  const { positives, negatives } = countClasses(labels);
  if (positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS) {
    throw new PredictionError(
      'insufficient_history',
      `${what} has ${positives} no-shows and ${negatives} arrivals; the model needs at least ${MIN_PER_CLASS} of each`,
    );
  }
}

export function trainNoShowModel(input: BookingRow[]): TrainedNoShow {
  const rows = parseRows(input);
  const features = bookingFeatures(rows);
  const labelled = rows
    .map((row, i) => ({ row, x: features[i] as number[], y: labelOf(row) }))
    .filter((item): item is { row: BookingRow; x: number[]; y: 0 | 1 } => item.y !== null)
    .sort((a, b) => a.row.arrivalDate.localeCompare(b.row.arrivalDate));
  if (labelled.length < MIN_LABELLED) {
    throw new PredictionError(
      'insufficient_history',
      `${labelled.length} past bookings; the model needs at least ${MIN_LABELLED}`,
    );
  }
  // The split falls between arrival dates, so no day is on both sides.
  const from = labelled[Math.floor(labelled.length * TRAIN_SHARE)]?.row.arrivalDate as string;
  const train = labelled.filter((item) => item.row.arrivalDate < from);
  const test = labelled.filter((item) => item.row.arrivalDate >= from);
  requireBothClasses(
    train.map((item) => item.y),
    'the training period',
  );
  requireBothClasses(
    test.map((item) => item.y),
    'the held-out period',
  );

  const earlier = {
    ...fitLogistic(
      train.map((item) => item.x),
      train.map((item) => item.y),
      NOSHOW_FEATURE_COUNT,
    ),
    link: 'sigmoid' as const,
  };
  const testLabels = test.map((item) => item.y);
  const scores = test.map((item) => {
    let z = earlier.bias;
    item.x.forEach((value, j) => {
      z += (earlier.weights[j] as number) * value;
    });
    return z; // the logit ranks exactly as the probability does
  });
  const baseRate = countClasses(train.map((item) => item.y)).positives / train.length;

  const all = countClasses(labelled.map((item) => item.y));
  const model: LinearModel = {
    ...fitLogistic(
      labelled.map((item) => item.x),
      labelled.map((item) => item.y),
      NOSHOW_FEATURE_COUNT,
    ),
    link: 'sigmoid',
  };
  const onnx = linearModelToOnnx(model, {
    'roost.model': NOSHOW_MODEL_FAMILY,
    'roost.features': NOSHOW_FEATURE_NAMES.join(','),
  });
  const trainedThrough = labelled[labelled.length - 1]?.row.arrivalDate as string;
  return {
    onnx,
    modelVersion: `${NOSHOW_MODEL_FAMILY}:${trainedThrough}:${createHash('sha256').update(onnx).digest('hex').slice(0, 12)}`,
    heldOut: {
      auc: auc(scores, testLabels),
      baseRateAuc: auc(
        testLabels.map(() => baseRate),
        testLabels,
      ),
      bookings: test.length,
      noShows: countClasses(testLabels).positives,
      from,
    },
    trainedOn: { bookings: labelled.length, noShows: all.positives, baseRate: all.positives / labelled.length },
    model,
    featureMeans: Array.from(
      { length: NOSHOW_FEATURE_COUNT },
      (_, j) => labelled.reduce((sum, item) => sum + (item.x[j] as number), 0) / labelled.length,
    ),
  };
}

/**
 * The features that raise a booking's risk most above the usual booking's (a logistic model's
 * logit is a sum, so each feature's share is exact): at most MAX_REASONS, largest first, only
 * those that raise it.
 */
export function riskReasons(trained: Pick<TrainedNoShow, 'model' | 'featureMeans'>, x: number[]): RiskReason[] {
  return NOSHOW_FEATURE_NAMES.map((feature, j) => {
    const value = x[j] as number;
    const mean = trained.featureMeans[j] as number;
    return {
      feature,
      contribution: Math.round((trained.model.weights[j] as number) * (value - mean) * 1000) / 1000,
      direction: value >= mean ? ('higher' as const) : ('lower' as const),
    };
  })
    .filter((reason) => reason.contribution > 0.01)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, MAX_REASONS);
}

/**
 * Risk (0–1) of each upcoming booking (held or confirmed) in `rows`; the other rows only supply the guests'
 * earlier record. With `explain` (the trained model), each score carries its reasons.
 */
export async function scoreUpcoming(
  onnx: SessionOrBytes,
  input: BookingRow[],
  explain?: Pick<TrainedNoShow, 'model' | 'featureMeans'>,
): Promise<{ bookingId: string; risk: number; reasons?: RiskReason[] }[]> {
  const rows = parseRows(input);
  const features = bookingFeatures(rows);
  const upcoming = rows
    .map((row, i) => ({ row, x: features[i] as number[] }))
    .filter(({ row }) => row.status === 'held' || row.status === 'confirmed');
  if (!upcoming.length) return [];
  const session = await openTrainedModel(onnx);
  const risks = await runRows(
    session,
    upcoming.map((item) => item.x),
    NOSHOW_FEATURE_COUNT,
  );
  return upcoming.map((item, i) => ({
    bookingId: item.row.bookingId,
    risk: risks[i] as number,
    ...(explain ? { reasons: riskReasons(explain, item.x) } : {}),
  }));
}
