/** The endpoints outside any site: health and the OpenAPI document. */
import type { HealthResponse } from '../../src-shared/contract/townhall-api';
import type { ApiRoute } from '../context';

export const healthRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/health',
    auth: 'none',
    handle: ({ state }) => {
      const body: HealthResponse = {
        status: 'ok',
        apiVersion: 'v1',
        time: state.now().toISOString(),
        openStreams: state.hub.count(),
      };
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    auth: 'none',
    handle: ({ state }) => ({ status: 200, body: state.openApiDocument }),
  },
];
