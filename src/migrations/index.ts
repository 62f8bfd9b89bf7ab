import * as migration_20261127_170319_initial from './20261127_170319_initial';

export const migrations = [
  {
    up: migration_20261127_170319_initial.up,
    down: migration_20261127_170319_initial.down,
    name: '20261127_170319_initial'
  },
];
