/** The OpenAPI paths of the lobby screen's feed (routes/lobby.ts), added to openapi.ts's table. */
import { API_BASE_PATH } from '../src-shared/contract/townhall-api';
import { componentRef, json, type JsonObject } from './openapi-schemas';

const optionParameter = (name: string, description: string, schema: JsonObject): JsonObject => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

export function lobbyPaths(siteIdParameter: JsonObject, errors: JsonObject): JsonObject {
  const flag = { type: 'string', enum: ['1', '0', 'true', 'false'] };
  return {
    [`${API_BASE_PATH}/sites/{siteId}/lobby/snapshot`]: {
      get: {
        operationId: 'getLobbySnapshot',
        summary: "The lobby screen's whole picture",
        description:
          'The site’s name and time zone, the server’s time, the last 20 called turns (newest ' +
          'first) with their services’ names, the people waiting per service today, the notice ' +
          '(null) and the screen’s options: those given in the query, the others their defaults.',
        parameters: [
          siteIdParameter,
          optionParameter('orientation', 'auto, landscape or portrait', {
            type: 'string',
            enum: ['auto', 'landscape', 'portrait'],
          }),
          optionParameter('highContrast', 'Black and white, the number in yellow', flag),
          optionParameter('chime', 'The chime before each call', flag),
          optionParameter('volume', 'Chime and speech, 0 to 1', {
            type: 'number',
            minimum: 0,
            maximum: 1,
          }),
          optionParameter(
            'speakTicketLanguage',
            'Say the call again in the ticket’s language',
            flag,
          ),
          optionParameter('recentCount', 'Earlier calls listed (0 to 12)', {
            type: 'integer',
            minimum: 0,
            maximum: 12,
          }),
        ],
        responses: {
          '200': { description: 'Snapshot', content: json(componentRef('LobbySnapshot')) },
          ...errors,
        },
      },
    },
    [`${API_BASE_PATH}/sites/{siteId}/lobby/events`]: {
      get: {
        operationId: 'streamLobbyEvents',
        summary: "The lobby screen's events as Server-Sent Events",
        description:
          'text/event-stream: each call is `id: <sequence>`, `data: <LobbyEvent JSON>` (a ' +
          '`message` event) with the waiting counts after it. A client reconnecting with ' +
          'Last-Event-ID first gets the calls it missed (at most 100, without waiting counts); ' +
          'the same stream caps as the called-turn stream apply, all streams counted together.',
        parameters: [
          siteIdParameter,
          {
            name: 'Last-Event-ID',
            in: 'header',
            required: false,
            description: 'The id of the last event received, to resume after it',
            schema: { type: 'string', pattern: '^[0-9]{1,15}$' },
          },
        ],
        responses: {
          '200': {
            description: 'An endless event stream',
            content: {
              'text/event-stream': {
                schema: { type: 'string' },
                'x-event-data': componentRef('LobbyEvent'),
              },
            },
          },
          ...errors,
        },
      },
    },
  };
}
