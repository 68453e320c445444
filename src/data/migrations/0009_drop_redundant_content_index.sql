-- The unique constraint content_page_versions_version_uq already indexes (clinic_id, slug, version).
DROP INDEX "content_page_versions_page_idx";