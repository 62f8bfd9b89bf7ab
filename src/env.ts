/**
 * Loads `.env` before anything reads the environment. Import this first: ES modules evaluate
 * imports before the importing module's body, so it must be its own module.
 */
import dotenv from 'dotenv'

dotenv.config({ quiet: true })
