// The gateway's metrics (decision 039): Prometheus counters and latency histograms by service,
// route template (shared/observability/route-template.ts: ids become `:id`) and status.
import { Counter, Histogram, Registry } from 'prom-client';
import { createRouteLabels } from '../../../shared/observability/route-template.ts';

export interface RequestRecord {
  service: string;
  route: string;
  method: string;
  status: number;
  seconds: number;
}

export function createGatewayMetrics() {
  const registry = new Registry();
  const requests = new Counter({
    name: 'roost_gateway_requests_total',
    help: 'Requests the API gateway answered, by service, route template, method and status.',
    labelNames: ['service', 'route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'roost_gateway_request_duration_seconds',
    help: 'Seconds from a request reaching the gateway to its answer ending, by service and route template.',
    labelNames: ['service', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const label = createRouteLabels();
  return {
    registry,
    record({ service, route, method, status, seconds }: RequestRecord): void {
      const kept = label(`${service} ${route}`) === 'other' ? 'other' : route;
      requests.inc({ service, route: kept, method, status: String(status) });
      duration.observe({ service, route: kept }, seconds);
    },
  };
}
