-- Whether the publishing quota read just before a post's container was made left a slot for it and for every other
-- post of the account holding a container or a publish request then: such a post publishes without reading the
-- quota again (one Graph call less per post), and the others' reads before publishing leave its slot to it
-- (publishing.PublishRunner, instagram.InstagramPublisher). A constant default: no table rewrite.
ALTER TABLE campaign_post ADD COLUMN quota_kept BOOLEAN NOT NULL DEFAULT false;
