// Layering (VS Code style): src-shared imports nothing else of ours and no Node or DOM;
// src-main and src-renderer never import each other. tsconfig.*.json enforce the globals.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

// The kiosk ships without the server or its demo: they run beside it and are reached by URL.
const mainPatterns = [
  { group: ['**/src-renderer/**'], message: 'src-main never imports the renderer.' },
  {
    group: ['**/server/**', '**/demo/**'],
    message: 'The kiosk never contains the Turnero server or the demo: reach them by URL.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'tests/.artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**', '**/server/**', '**/demo/**'],
              message: 'src-shared imports nothing from the other layers.',
            },
            { group: nodeBuiltins, message: 'src-shared is pure: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: mainPatterns,
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/hosts/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src-main/hosts/electron may import Electron.' },
          ],
          patterns: mainPatterns,
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**', '**/demo/**'],
              message: 'The Turnero server shares only src-shared with the kiosk.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '**/server/**', '**/demo/**'],
              message: 'The renderer talks to main only through window.turnero.',
            },
            { group: nodeBuiltins, message: 'No Node in the renderer.' },
          ],
        },
      ],
    },
  },
);
