import { defineConfig } from 'tsup'

import { clientBuild } from '../http/tsup.preset.js'

export default defineConfig(clientBuild())
